// ok: xss
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

@Controller("xss")
export class Controller018 {
  @Get("18")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.send("<p>Hello " + DOMPurify.sanitize(param) + "</p>");
  }
}
