// expect: log-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import logger from "./logger";

@Controller("log-injection")
export class Controller010 {
  @Get("10")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    logger.warn(`unknown item ${param}`);  // expect: log-injection
    res.end();
  }
}
