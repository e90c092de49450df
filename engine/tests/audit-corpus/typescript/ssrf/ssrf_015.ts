// ok: ssrf
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

@Controller("ssrf")
export class Controller015 {
  @Get("15")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const r = await axios.get("https://api.example.com/items/" + encodeURIComponent(param));
    res.send(r.data);
  }
}
