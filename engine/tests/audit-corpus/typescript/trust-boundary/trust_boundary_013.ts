// ok: trust-boundary
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("trust-boundary")
export class Controller013 {
  @Get("13")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    req.session.views = Number(param);
    res.end();
  }
}
