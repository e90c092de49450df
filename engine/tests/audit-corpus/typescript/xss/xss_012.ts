// expect: xss (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import escapeHtml from "escape-html";
import DOMPurify from "isomorphic-dompurify";

@Controller("xss")
export class Controller012 {
  @Get("12")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.status(200).send("<h1>" + param + "</h1>");  // expect: xss
  }
}
