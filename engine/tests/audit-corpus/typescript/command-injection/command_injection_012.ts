// expect: command-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as child_process from "child_process";
const { exec, execFile, spawn } = child_process;

@Controller("command-injection")
export class Controller012 {
  @Get("12")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    spawn("sh", ["-c", "nslookup " + param], { shell: true });  // expect: command-injection
    res.end();
  }
}
