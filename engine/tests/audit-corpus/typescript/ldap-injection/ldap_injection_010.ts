// expect: ldap-injection (on the marked line)
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import ldapEscape from "ldap-escape";

@Controller("ldap-injection")
export class Controller010 {
  @Get("10")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    ldapClient.search("ou=users,dc=example,dc=com", { filter: `(&(objectClass=person)(cn=${param}))`, scope: "sub" }, (err, r) => res.end());  // expect: ldap-injection
  }
}
