// expect: code-injection (on the marked line)
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function Calc() {
  const expr = new URLSearchParams(window.location.search).get("expr");
  return <span>{eval(expr)}</span>;  // expect: code-injection
}
