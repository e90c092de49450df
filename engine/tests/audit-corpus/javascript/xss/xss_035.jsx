// expect: xss (on the marked line)
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function Comment({ body }) {
  return <div dangerouslySetInnerHTML={{ __html: body }} />;  // expect: xss
}
