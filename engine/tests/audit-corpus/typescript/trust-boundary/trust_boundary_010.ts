// expect: trust-boundary (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("trust-boundary")
export class Controller010 {
  @Get("10")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    req.session["user"] = param;  // expect: trust-boundary
    res.end();
  }
}
