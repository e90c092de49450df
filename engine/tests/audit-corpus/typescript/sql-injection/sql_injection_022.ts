// ok: sql-injection
import express, { Request, Response } from "express";

const app = express();
app.use(express.json());

app.post("/sql-injection/22", async (req: Request, res: Response) => {
  const param = req.get("X-Name");
  const bar = param;
  const rows = await prisma.$queryRaw`SELECT * FROM users WHERE name = ${bar}`;
  res.json(rows);
});

app.listen(3000);
