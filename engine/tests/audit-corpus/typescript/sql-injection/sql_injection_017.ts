// ok: sql-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("sql-injection")
export class Controller017 {
  @Get("17")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    db.query("SELECT * FROM users WHERE name = ?", [param], (err, rows) => res.json(rows));
  }
}
