// ok: template-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import ejs from "ejs";
import pug from "pug";
import Handlebars from "handlebars";

@Controller("template-injection")
export class Controller015 {
  @Get("15")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.send(ejs.render("<h1>Hello <%= name %></h1>", { name: param }));
  }
}
