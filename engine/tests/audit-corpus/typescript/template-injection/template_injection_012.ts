// expect: template-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

@Controller("template-injection")
export class Controller012 {
  @Get("12")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.send(Handlebars.compile("Hello " + param)({}));  // expect: template-injection
  }
}
