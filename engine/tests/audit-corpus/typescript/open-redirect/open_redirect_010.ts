// expect: open-redirect (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("open-redirect")
export class Controller010 {
  @Get("10")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.redirect(302, param);  // expect: open-redirect
  }
}
