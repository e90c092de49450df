// ok: xpath-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import * as xpath from "xpath";

@Controller("xpath-injection")
export class Controller013 {
  @Get("13")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    const nodes = xpath.parse("//user[@name=$name]").select({ node: doc, variables: { name: param } });
    res.json(nodes.length);
  }
}
