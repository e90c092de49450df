// expect: open-redirect (on the marked line)
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function After() {
  const next = new URLSearchParams(window.location.search).get("next");
  useEffect(() => {
    window.location.href = next;  // expect: open-redirect
  });
  return null;
}
