// ok: sql-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("sql-injection")
export class Controller023 {
  @Get("23")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const rows = await prisma.$queryRaw`SELECT * FROM users WHERE name = ${param}`;
    res.json(rows);
  }
}
