// ok: code-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as vm from "vm";

@Controller("code-injection")
export class Controller018 {
  @Get("18")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.json(Number(param) * 2);
  }
}
