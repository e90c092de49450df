// ok: regex-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import _ from "lodash";
const items = ["a", "b"];

@Controller("regex-injection")
export class Controller013 {
  @Get("13")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const re = new RegExp(_.escapeRegExp(param));
    res.json(items.filter((i) => re.test(i)));
  }
}
