-- rlm for Neovim: starts `rlm lsp` with vim.lsp for the buffers of a workspace, adds
-- :RlmAsk, :RlmScan and :RlmReindex, shows `rlm/answer` Markdown in a floating window and keeps the
-- index state (`rlm/status`) for statuslines. Neovim 0.10 or newer.
--
--   require("rlm").setup({
--     cmd = { "rlm", "lsp" },                 -- the server command
--     filetypes = { "python", "rust", ... },  -- buffers to attach to
--     root_markers = { "rlm.toml", ".git" },  -- how the workspace root is found
--     settings = { debounceMs = 300 },        -- sent as initializationOptions.rlm
--   })

local M = {}

M.defaults = {
  cmd = { "rlm", "lsp" },
  filetypes = {
    "python", "rust", "javascript", "typescript", "typescriptreact", "javascriptreact",
    "go", "java", "c", "cpp", "ruby", "php", "sh",
  },
  root_markers = { "rlm.toml", ".git" },
  settings = {},
}

M.config = vim.deepcopy(M.defaults)

--- The index state from the server's last `rlm/status`: { state = "indexing"|"ready"|"error",
--- files = n, message = "..." }.
M.status = { state = "starting", files = 0, message = "" }

--- The last answer shown: { title = ..., markdown = ... }.
M.last_answer = nil

local function show_answer(title, markdown)
  M.last_answer = { title = title, markdown = markdown }
  local lines = vim.split(markdown, "\n", { plain = true })
  table.insert(lines, 1, "# " .. title)
  table.insert(lines, 2, "")
  vim.lsp.util.open_floating_preview(lines, "markdown", {
    border = "rounded",
    max_width = math.max(40, math.floor(vim.o.columns * 0.8)),
    max_height = math.max(10, math.floor(vim.o.lines * 0.7)),
    focus_id = "rlm-answer",
  })
end

M.handlers = {
  ["rlm/status"] = function(_, params)
    M.status = params
    if params.state == "error" then
      vim.notify("rlm: " .. params.message, vim.log.levels.ERROR)
    end
    vim.api.nvim_exec_autocmds("User", { pattern = "RlmStatus", modeline = false })
  end,
  ["rlm/answer"] = function(_, params)
    vim.schedule(function()
      show_answer(params.title, params.markdown)
    end)
  end,
}

--- The rlm client attached to `bufnr` (default: the current buffer), if any.
function M.client(bufnr)
  local clients = vim.lsp.get_clients({ name = "rlm", bufnr = bufnr or 0 })
  if #clients == 0 then
    clients = vim.lsp.get_clients({ name = "rlm" })
  end
  return clients[1]
end

--- Starts (or reuses) the server for the workspace of `bufnr`.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = vim.fs.root(bufnr, M.config.root_markers)
    or (name ~= "" and vim.fs.dirname(name))
    or vim.fn.getcwd()
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.experimental = { rlmAnswer = true }
  return vim.lsp.start({
    name = "rlm",
    cmd = M.config.cmd,
    root_dir = root,
    capabilities = capabilities,
    init_options = { rlm = M.config.settings },
    settings = { rlm = M.config.settings },
    handlers = M.handlers,
  }, { bufnr = bufnr })
end

local function run_command(command, arguments, on_result)
  local client = M.client()
  if not client then
    vim.notify("rlm: no rlm server is running for this buffer", vim.log.levels.WARN)
    return
  end
  client:request("workspace/executeCommand", { command = command, arguments = arguments or {} },
    function(err, result)
      if err then
        vim.notify("rlm: " .. command .. ": " .. err.message, vim.log.levels.ERROR)
        return
      end
      on_result(result)
    end)
end

--- :RlmAsk [question]: ask the RLM loop about the workspace; with a range (visual selection),
--- about that selection. Without a question on the command line, prompts for one.
function M.ask(opts)
  opts = opts or {}
  local question = opts.args
  if not question or question == "" then
    question = vim.fn.input("Ask RLM: ")
  end
  if question == "" then
    return
  end
  local arg = { question = question }
  if opts.range and opts.range > 0 then
    local buf = vim.api.nvim_get_current_buf()
    local last = vim.api.nvim_buf_get_lines(buf, opts.line2 - 1, opts.line2, false)[1] or ""
    arg.uri = vim.uri_from_bufnr(buf)
    arg.range = {
      start = { line = opts.line1 - 1, character = 0 },
      ["end"] = { line = opts.line2 - 1, character = vim.str_utfindex(last, "utf-16") },
    }
  end
  vim.notify("rlm: asking…")
  run_command("rlm.ask", { arg }, function(result)
    -- The answer itself arrives as rlm/answer (a floating window).
    if not result.final then
      vim.notify("rlm: stopped early (" .. tostring(result.stopReason) .. "); partial answer shown")
    end
  end)
end

--- :RlmReindex: update the index now.
function M.reindex()
  run_command("rlm.reindex", {}, function(report)
    vim.notify(string.format("rlm: indexed %d files (%d added, %d updated, %d removed)",
      report.files, report.added, report.updated, report.removed))
  end)
end

--- :RlmScan: scan the whole workspace for security findings (shown as diagnostics).
function M.scan()
  run_command("rlm.scanWorkspace", {}, function(summary)
    vim.notify(string.format("rlm: %d findings in %d files (%d files scanned)",
      summary.findings, summary.files, summary.filesScanned))
  end)
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup("rlm", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
  })
  vim.api.nvim_create_user_command("RlmAsk", M.ask, {
    nargs = "*",
    range = true,
    desc = "rlm: ask the RLM loop about the workspace (or the selected lines)",
  })
  vim.api.nvim_create_user_command("RlmReindex", M.reindex, { desc = "rlm: update the index now" })
  vim.api.nvim_create_user_command("RlmScan", M.scan, { desc = "rlm: security scan of the workspace" })
  -- Buffers already open when setup runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.start(buf)
    end
  end
end

--- A statusline component: "rlm: ready (120 files)".
function M.statusline()
  if M.status.state == "ready" then
    return string.format("rlm: %d files", M.status.files)
  end
  return "rlm: " .. M.status.state
end

return M
