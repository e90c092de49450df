// ok: command-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

@Controller("command-injection")
export class Controller018 {
  @Get("18")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const child = spawn("ls", ["--", param]);
    child.stdout.pipe(res);
  }
}
