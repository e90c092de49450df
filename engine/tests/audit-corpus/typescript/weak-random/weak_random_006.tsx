// expect: weak-random (on the marked line)
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function Invite() {
  const inviteToken = Math.random().toString(36).slice(2);  // expect: weak-random
  return <a href={"/join?token=" + inviteToken}>join</a>;
}
