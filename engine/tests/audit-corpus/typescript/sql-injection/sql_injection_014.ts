// expect: sql-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("sql-injection")
export class Controller014 {
  @Get("14")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const rows = await sequelize.query("UPDATE users SET seen = 1 WHERE name = '" + param + "'");  // expect: sql-injection
    res.json(rows);
  }
}
