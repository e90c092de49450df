// expect: ssrf (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import axios from "axios";
import * as http from "http";

@Controller("ssrf")
export class Controller012 {
  @Get("12")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    http.get(param, (r) => r.pipe(res));  // expect: ssrf
  }
}
