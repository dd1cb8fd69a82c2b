// `alb-tui rules --help`, in English and Simplified Chinese.
import { both } from '../domain/i18n.js';

export const RULES_HELP = both(
  `Usage: alb-tui rules list LISTENER [--json]
       alb-tui rules get RULE [--json]
       alb-tui rules create LISTENER --file rules.yaml [--dry-run] [--yes]
       alb-tui rules update RULE --set key=value ... | --file rule.yaml [--dry-run] [--yes]
       alb-tui rules delete RULE... [--yes]
       alb-tui rules test LISTENER --url URL [--method M] [--header K:V ...]
                                  [--cookie K=V ...] [--source-ip IP]

A listener's forwarding rules: which requests go where.

Commands:
  list LISTENER   its rules in the order they are tried (priority), each with
                  its conditions and actions on one line, and the default
                  action last. --json: {"listenerId", "rules", "defaultActions"}
  get RULE        one rule whole. --json prints it in the shape 'create' reads
  create LISTENER the rules of a YAML or JSON file (a list, or {rules: [...]};
                  the fields of 'get --json'), checked before anything is sent,
                  shown and confirmed, then created 10 a call, each call
                  followed until its rules are Available
  update RULE     --set name=TEXT, --set priority=N, or --file with any of
                  ruleName, priority, ruleConditions, ruleActions; shows
                  old → new and asks
  delete RULE...  shows the rules and asks, then deletes them 10 a call (one
                  instance a call) and waits until they are gone
  test LISTENER   which rule takes this request and why: every rule tried,
                  each condition ticked or not, and what the taking rule does
                  (server groups with their share, the redirect URL, the fixed
                  reply, the rewrite, headers). Nothing is sent to the listener.
                  The source IP is 127.0.0.1 unless --source-ip says otherwise

Options:
  --file FILE          rules in YAML or JSON
  --set key=value      name or priority (repeat for both)
  --dry-run            only run the server-side precheck (DryRun)
  -y, --yes            do not ask (required when not on a terminal)
  --client-token TOKEN the ClientToken of the change (suffixed -N per call when
                       there are several calls); rerun with it after "outcome
                       unknown" to retry safely
  --url URL            the request's URL: host, path and query
  --method M           GET (default), HEAD, POST, PUT, PATCH, DELETE, OPTIONS
  --header K:V         a request header (repeat); Host: and Cookie: count too
  --cookie K=V         a cookie (repeat)
  --source-ip IP       the client's address, IPv4 or IPv6
  --response-status N  the backend's answer for the Response rules: its status
                       (default 200); shown when the listener has Response rules
  --response-header K:V  a header of that answer (repeat)
  --all                list every rule tried (by default the rules none of whose
                       conditions match are counted, not listed)

Every change asks first: on a production connection you type how many rules
change; a read-only connection refuses. When a call fails, the later calls
are not sent and every call's result is reported (--json: "batches").
`,
  `用法：alb-tui rules list 监听ID [--json]
      alb-tui rules get 规则ID [--json]
      alb-tui rules create 监听ID --file rules.yaml [--dry-run] [--yes]
      alb-tui rules update 规则ID --set 键=值 ... | --file rule.yaml [--dry-run] [--yes]
      alb-tui rules delete 规则ID... [--yes]
      alb-tui rules test 监听ID --url URL [--method 方法] [--header 名称:值 ...]
                               [--cookie 名称=值 ...] [--source-ip IP]

监听的转发规则：哪些请求转发到哪里。

子命令：
  list 监听ID     按匹配顺序（优先级）列出转发规则，每条一行显示转发条件和
                  转发动作，默认动作列在最后。--json 输出 {"listenerId",
                  "rules", "defaultActions"}
  get 规则ID      显示一条转发规则的全部信息。--json 的格式即 create 读取的格式
  create 监听ID   创建 YAML 或 JSON 文件中的转发规则（列表或 {rules: [...]}，
                  字段同 'get --json'）：发送前先校验，显示并确认，然后每次
                  调用最多 10 条，等待每批规则变为 Available
  update 规则ID   --set name=名称、--set priority=数字，或 --file 给出
                  ruleName、priority、ruleConditions、ruleActions 中的任意
                  字段；显示“旧值 → 新值”并询问
  delete 规则ID...显示这些转发规则并询问，然后每次调用最多删除 10 条（每次
                  调用仅限同一实例），并等待删除完成
  test 监听ID     此请求由哪条转发规则处理及原因：依次尝试的每条规则、每个
                  转发条件是否满足，以及该规则的动作（服务器组及其流量占比、
                  重定向 URL、固定响应、重写、标头）。不会向监听发送请求。
                  源IP默认为 127.0.0.1，可用 --source-ip 指定

选项：
  --file 文件          YAML 或 JSON 格式的转发规则
  --set 键=值          name 或 priority（可重复）
  --dry-run            只进行服务端预检（DryRun）
  -y, --yes            不询问确认（非终端环境下必须指定）
  --client-token TOKEN 此修改的 ClientToken（多次调用时每次加后缀 -N）；出现
                       “结果未知”时用它重新运行以安全重试
  --url URL            请求的 URL：主机、路径和查询字符串
  --method 方法        GET（默认）、HEAD、POST、PUT、PATCH、DELETE、OPTIONS
  --header 名称:值     请求头（可重复）；Host: 和 Cookie: 也会生效
  --cookie 名称=值     Cookie（可重复）
  --source-ip IP       客户端地址，IPv4 或 IPv6
  --response-status N  用于响应方向规则的后端响应状态码（默认 200）；监听有
                       响应方向规则时显示
  --response-header 名称:值  该响应的标头（可重复）
  --all                列出尝试过的每条转发规则（默认只统计没有任何转发
                       条件满足的规则，不逐条列出）

每次修改前都会询问：生产环境连接需输入要修改的转发规则数量确认；只读连接
拒绝修改。某次调用失败时，其后的调用不再发送，并报告每次调用的结果
（--json："batches"）。
`,
);
