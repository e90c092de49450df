// ok: weak-random
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function Invite() {
  const inviteToken = crypto.randomUUID();
  return <a href={"/join?token=" + inviteToken}>join</a>;
}
