// ok: path-traversal
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

@Controller("path-traversal")
export class Controller015 {
  @Get("15")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    fs.readFile("/var/app/files/" + path.basename(param), (err, data) => res.send(data));
  }
}
