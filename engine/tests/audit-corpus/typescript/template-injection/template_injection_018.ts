// ok: template-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

@Controller("template-injection")
export class Controller018 {
  @Get("18")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.send(Handlebars.compile("Hello {{name}}")({ name: param }));
  }
}
