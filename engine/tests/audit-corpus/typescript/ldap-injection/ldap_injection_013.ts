// ok: ldap-injection
import { Controller, Get, Post, Query, Body, Req, Res } from "@nestjs/common";
import { Request, Response } from "express";
import ldapEscape from "ldap-escape";

@Controller("ldap-injection")
export class Controller013 {
  @Get("13")
  async handle(@Query("name") param: string, @Req() req: Request, @Res() res: Response) {
    client.search("ou=users,dc=example,dc=com", { filter: ldapEscape.filter`(uid=${param})` }, (err, r) => res.end());
  }
}
