// expect: path-traversal (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

@Controller("path-traversal")
export class Controller012 {
  @Get("12")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    fs.unlinkSync(path.join("/var/app/uploads", param));  // expect: path-traversal
    res.end();
  }
}
