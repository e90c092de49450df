// ok: path-traversal
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as fs from "fs";
import * as path from "path";

@Controller("path-traversal")
export class Controller018 {
  @Get("18")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    res.sendFile(param, { root: "/var/app/files" });
  }
}
