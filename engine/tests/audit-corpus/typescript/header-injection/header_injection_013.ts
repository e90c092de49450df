// ok: header-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("header-injection")
export class Controller013 {
  @Get("13")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.setHeader("Content-Disposition", "attachment; filename=" + encodeURIComponent(param));
    res.end();
  }
}
