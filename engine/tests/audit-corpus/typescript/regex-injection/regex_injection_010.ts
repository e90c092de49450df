// expect: regex-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

@Controller("regex-injection")
export class Controller010 {
  @Get("10")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.json(items.filter((i) => new RegExp("^" + param).test(i)));  // expect: regex-injection
  }
}
