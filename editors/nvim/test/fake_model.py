"""A fake OpenAI-compatible model server on 127.0.0.1 for the editor e2e tests (the one allowed
mock, at the network edge): POST /v1/chat/completions answers in the real wire format. The first
root turn runs code over the context; the next one finishes with FINAL. Writes its port to the
file named by argv[1] and serves until killed."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        messages = body.get("messages", [])
        # system + user, then one assistant/user pair per finished turn.
        turn = max(0, (len(messages) - 2) // 2)
        if turn == 0:
            text = "```repl\nprint(context.count('load_config'))\n```"
        else:
            text = "```repl\nFINAL('load_config reads the configuration file')\n```"
        reply = {
            "id": "chatcmpl-fake", "object": "chat.completion", "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
