// expect: code-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as vm from "vm";

@Controller("code-injection")
export class Controller012 {
  @Get("12")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.json(vm.runInNewContext(param, {}));  // expect: code-injection
  }
}
