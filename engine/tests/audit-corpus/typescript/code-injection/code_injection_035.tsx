// ok: code-injection
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function Calc() {
  const expr = new URLSearchParams(window.location.search).get("expr");
  return <span>{Number(expr) * 2}</span>;
}
