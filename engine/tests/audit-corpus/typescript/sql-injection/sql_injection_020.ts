// ok: sql-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("sql-injection")
export class Controller020 {
  @Get("20")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const rows = await pool.query("SELECT * FROM users WHERE name = $1", [param]);
    res.json(rows);
  }
}
