// expect: xpath-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as xpath from "xpath";

@Controller("xpath-injection")
export class Controller010 {
  @Get("10")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const node = xpath.select1(`//user[@id='${param}']`, doc);  // expect: xpath-injection
    res.json(Boolean(node));
  }
}
