// ok: open-redirect
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("open-redirect")
export class Controller013 {
  @Get("13")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.redirect("/search?q=" + encodeURIComponent(param));
  }
}
