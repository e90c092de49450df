// expect: nosql-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";

@Controller("nosql-injection")
export class Controller010 {
  @Get("10")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const users = await db.collection("users").find({ $where: "this.name == '" + param + "'" }).toArray();  // expect: nosql-injection
    res.json(users);
  }
}
