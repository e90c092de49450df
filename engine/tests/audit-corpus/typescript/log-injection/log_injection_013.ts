// ok: log-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import logger from "./logger";

@Controller("log-injection")
export class Controller013 {
  @Get("13")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    console.log("login attempt for " + JSON.stringify(param));
    res.end();
  }
}
