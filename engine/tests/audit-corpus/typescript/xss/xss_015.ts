// ok: xss
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

@Controller("xss")
export class Controller015 {
  @Get("15")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.send("<p>Hello " + escapeHtml(param) + "</p>");
  }
}
