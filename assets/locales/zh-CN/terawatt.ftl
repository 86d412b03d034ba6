# Terawatt 的简体中文界面。键与 en/terawatt.ftl 相同；测试会检查两个文件的键和占位符一一对应。

window-title = Terawatt 太瓦 — { $title }

menu-tagline = AI 算力撞上了地球的电力之墙。打破它：轨道、月球、制造机器人的机器人——然后是芯片。
menu-playing = 正在玩：{ $title }
menu-resume = 继续
menu-new-game = 新游戏
menu-new-game-hover = 选择关卡
menu-continue = 读取最新存档
menu-continue-none = 还没有存档
menu-load = 读取存档
menu-settings = 设置
menu-quit = 退出
menu-keys = 空格暂停 · 1–7 加速 · Esc 本菜单 · F5 存档 · F9 读档 · F2 面板 · Tab 在按钮间移动，空格或回车按下，Esc 离开 · ] 和 [ 选择物体查看详情（或点击）
menu-back = ← 返回

settings-title = 设置
settings-ui-size = 界面大小
settings-language = 语言
settings-text-size = 文字大小（与界面大小分开）
settings-high-contrast = 高对比度：黑色面板、白色文字、带边框的按钮
settings-reduced-motion = 减少动态：镜头直接跳转而不滑动，不再闪动
settings-true-scale = 真实比例（T）：月球远在 60 个地球半径之外
settings-labels = 标签（L）
settings-energy = 能量流（O）
settings-limits = 瓶颈处的圆环（B）
settings-log-scale = 图表使用对数刻度
settings-presentation = 演示模式（P）：放大文字、隐藏面板、课程步骤显示为字幕
settings-kept = 设置保存在 { $path } 中，下次启动时沿用，包括窗口大小。

top-play = ▶ 运行
top-pause = ⏸ 暂停
top-capital = 资金 ${ $usd }
top-power = 电力：太阳能 { $solar } GWp（日均 { $mean } GW）· 燃气轮机 { $turbines } GW · 轨道 { $orbit } GW
top-gpus = GPU：地面 { $ground } · 轨道 { $orbit } · 断电 { $dark }
top-flights = 每年发射 { $flights } 次
top-robots = 机器人 { $robots }
top-goal = 目标：{ $text }
top-goal-by = 目标：{ $text }（截止 { $date }）
top-charts = 图表
top-earth-space = 地球对太空
top-branches = 分支
top-levels = 关卡
top-closeups = 特写
top-codex = 图鉴
top-save = 存档
top-load = 读档
top-load-autosave = 读取自动存档
top-robots-working = （{ $share }% 有电）

branches-title = 分支：并排的两个未来
branches-intro = 在此刻把世界分成两个：新的一个从现在起采用不同的假设。两者按游戏的速度同步运行；图表把分支画成虚线，与游戏并列。保留你更喜欢的那个未来。
branches-new = 新分支
branches-name = 名称
branches-assume = 假设
branches-range = { $unit }（当前 { $now }；范围 { $min }..{ $max }）
branches-add = 添加
branches-fork = 现在分叉（{ $date }）
branches-full = 最多 { $max } 个分支：请先保留或删除一个
branches-fork-hover = 分支从此刻的世界开始
branches-route = 命令发给：
branches-route-all = 游戏和所有分支
branches-route-main = 只发给游戏
branches-route-one = 只发给 { $name }
branches-top-bar = 在顶栏显示各分支的数据
branches-forked = 分叉于 { $date }
branches-keep = 保留这个未来
branches-keep-hover = 游戏变成这个分支；游戏原来的未来将被舍弃
branches-drop = 删除
branches-no-change = 没有新的假设：区别在于它的命令
branches-assumes = 假设 { $name } = { $value } { $unit }（{ $claim }；模型默认值 { $default }）
branches-the-game = 游戏
branches-what-binds = 瓶颈
branches-same = { $name }：与游戏相同
branches-differ = { $name }：{ $list }
branches-differ-one = 游戏中为 { $game }，这里为 { $theirs }
branches-wall = 当前的墙
branches-not-known = 尚不知道
branches-row-capital = 资金
branches-row-ground = 地面 GPU
branches-row-orbit = 轨道 GPU
branches-row-dark = 断电 GPU
branches-row-flights = 每年发射次数
branches-row-orbit-power = 轨道电力（GW）
branches-row-robots = 机器人
branches-row-kardashev = 卡尔达肖夫指数

## The level's script
msg-goal-reached = 目标达成：{ $text }
msg-goal-failed = 目标失败：{ $text }
msg-level-won = 关卡胜利！
msg-what-if-no-win = 在改动过的假设下达成了全部胜利目标：假设推演不算赢得关卡。
msg-ships-clipped = 关卡向{ $site }派出 { $asked } 艘飞船，只容纳了 { $added } 艘：每个发射场最多 { $max } 艘飞船，所有发射场合计最多 { $all } 艘飞船和发射台。
msg-pads-clipped = 关卡向{ $site }派出 { $asked } 个发射台，只容纳了 { $added } 个：每个发射场最多 { $max } 个发射台，所有发射场合计最多 { $all } 艘飞船和发射台。
msg-repeats-spent = 关卡的重复事件已用完本游戏年 { $max } 个效果的额度：下一个游戏年再触发。
msg-repeats-built = 关卡的重复事件已生成或下令建造了一局游戏中最多的 { $max } 样东西：会再增加东西的触发不再发生。

## The level picker
picker-title = 关卡
picker-play = 开始
picker-difficulty = 难度 { $n }/5
picker-best = 最佳：{ $date } 获胜，用时 { $years } 游戏年（K { $k }）
picker-not-won = 尚未获胜

## Side panel, inspector, story, charts
binds-show = 显示当前瓶颈
binds-fold = 瓶颈
binds-title = 当前瓶颈
binds-wall = 墙：
binds-wall-unknown = 尚未可知
binds-walls-hover = 迄今遇到的墙；图鉴把它们与论点中的“先电力、后发射、再芯片”并列对照。
binds-fix = 解决
binds-fix-hover = 前往能缓解它的指令：{ $action }
inspector-title = 检视
inspector-hint = 点击发射场、机房、卫星环、航班或月球基地（或用 ] 和 [ 逐个选择）。
inspector-pads-ships = { $pads } 座发射台，{ $ships } 艘飞船
inspector-methane = 甲烷 { $t } t / { $cap } t，每天 +{ $day } t
inspector-closeup-pad = 特写：发射台
inspector-slots = 已装 { $gpus } / { $slots } 个机位
inspector-powered = { $on } 块通电，{ $dark } 块断电
inspector-satellites = { $orbit }中的卫星
inspector-working = { $on } 块GPU运行，{ $failed } 块失效
inspector-arrays = 太阳能阵列 { $gw } GW，{ $pct }% 的时间受光
inspector-age = 已运行 { $years } 年
inspector-flight = 航班
inspector-phase = { $phase }，本阶段完成 { $pct }%
inspector-base = 月球基地
inspector-mined = 已开采月壤 { $soil } t；库存硅 { $si } t、铝 { $al } t
inspector-thrown = 已弹射入轨 { $gw } GW；{ $kits } t 组件待发
inspector-lunar-day = 月昼
inspector-lunar-night = 月夜
inspector-limited = 受限于{ $by }
inspector-closeup-driver = 特写：质量投射器
inspector-lines = { $n } 条产线
inspector-closeup-factory = 特写：工厂车间
inspector-gone = （已不存在）
climate-temperate = 温带气候
climate-hot = 炎热气候
phase-ascent = 上升
phase-deploy = 部署
phase-return = 返航
lunar-mining = 采矿
lunar-works = 月球工厂
lunar-massdriver = 质量投射器
lunar-power = 电力
story-goals = 目标
story-lesson = 课程
story-step = 第 { $n } 步，共 { $of } 步
story-look-panel = 请看{ $p }面板
story-look = 请看 { $e }
story-look-chart = 请看{ $c }图表
story-lesson-done = 课程完成。
story-no-lesson = 本关没有课程。
story-messages = 消息
charts-title = 图表
charts-log = 对数刻度：取各值的 log10（直线即稳定增长）
charts-peaks = 装机峰值（虚线）
charts-peaks-hover = 实线是每个样本期内的平均值；峰值额定功率并非电站的实际出力（地面光伏平均约为其四分之一）
charts-export = 导出 CSV
charts-export-hover = 把显示的每条曲线写入 CSV 文件，每个样本一行
charts-wrote = 已写入 { $path }
charts-spread = 扫参的分布范围：
charts-none = 无
charts-sweep = { $name }：扫参最小–最大
charts-doubles = { $name }（每 { $years } 年翻一番）
chart-0 = 电力，GW（平均值；虚线：装机峰值）
chart-0-0 = 地面光伏
chart-0-1 = 燃气轮机
chart-0-2 = 电池
chart-0-3 = 轨道
chart-0-4 = 机器人用电
chart-0-5 = 地面光伏（峰值）
chart-0-6 = 燃气轮机（铭牌）
chart-0-7 = 月面光伏（峰值）
chart-1 = 算力，GPU
chart-1-0 = 地面（平均通电）
chart-1-1 = 轨道
chart-1-2 = 断电（平均）
chart-2 = 每年航班
chart-2-0 = 航班
chart-3 = 机器人
chart-3-0 = 机器人
chart-3-1 = 有电可干活
chart-4 = 每GPU年成本，$（C8：地球对太空）
chart-4-0 = 地面
chart-4-1 = 太空
chart-5 = 随经验下降的成本（赖特定律：X3 与 X4）
chart-5-0 = 发射 $/kg
chart-5-1 = 卫星 $/kW
chart-5-2 = 地面光伏 $/kW
chart-6 = 资本，$ 与卡尔达肖夫指数
chart-6-0 = 资本
chart-6-1 = 卡尔达肖夫 ×1e12

## Names of the sim's things
fold-hover = 把{ $what }折叠成窄条（F2 键隐藏所有面板）
walls-then = {"，然后"}
wall-power = 电力
wall-launch = 发射
wall-chips = 芯片
wall-capital = 资本
wall-homes = 芯片的安置
chain-groundcompute = 地面算力
chain-orbitalcompute = 轨道算力
chain-launches = 发射
chain-lunaroutput = 月球产出
chain-robots = 机器人
orbit-leo = 近地轨道
orbit-sso = 晨昏轨道
orbit-geo = 地球静止轨道
payload-satellites = 卫星：{ $gpus } 块GPU，{ $gw } GW 阵列，前往{ $orbit }
payload-robots = { $n } 台机器人前往月球
payload-cargo = { $t } t 月球工厂和质量投射器设备
payload-tanker = 加注飞船：为推进剂库运送 { $t } t
orders-show = 显示指令
orders-fold = 指令面板
panel-build = 建造
panel-codex = 图鉴
panel-inspector = 检视
panel-limits = 瓶颈
panel-policies = 政策
panel-research = 研究
chartname-compute = 算力
chartname-power = 电力
chartname-robots = 机器人
chartname-flights = 航班
constraint-power = 电力
constraint-turbines = 燃气轮机
constraint-permits = 审批
constraint-panels = 太阳能板
constraint-datacenters = 数据中心
constraint-burninpower = 老化测试用电
constraint-logic = 逻辑芯片
constraint-memory = 内存
constraint-capital = 资本
constraint-ships = 飞船
constraint-pads = 发射台
constraint-methane = 甲烷
constraint-payload = 载荷
constraint-mining = 采矿
constraint-works = 月球工厂
constraint-massdriver = 质量投射器
constraint-lunarpower = 月面电力
constraint-factorylines = 工厂产线
constraint-demand = 需求
constraint-tankers = 加注飞船
constraint-notstarted = 尚未开始

## What binds: the details
detail-burn-in = { $gpus } 块GPU在老化测试中，只有所需电力的 { $pct }%
detail-turbines-wait = ，{ $gw } GW 燃气轮机在等铸件厂（每年 { $rate } GW）
detail-permits-wait = ，{ $n } 座光伏电站在并网研究中（还有 { $gw } GW 待研究，每年 { $rate } GW）
detail-panels-wait = ，{ $gw } GW 光伏电站在等太阳能板（每年 { $rate } GW）
detail-unpowered = { $gpus } 块GPU断电，缺电 { $gw } GW{ $why }
detail-fab-power = 我们的晶圆厂只得到所需 { $gw } GW 的 { $pct }%：每年少造够 { $gpus } 块GPU 用的芯片
detail-wait-slot = { $gpus } 块GPU在等数据中心机位
detail-assembled = 每年组装 { $gpus } 块GPU
detail-no-ships = 没有飞船
detail-no-site = 没有发射场能到达{ $orbit }
detail-capital = 现有资金 ${ $usd }
detail-flights = 每年最多 { $cap } 次航班（飞船 { $ships }，发射台 { $pads }，甲烷 { $methane }，载荷 { $payload }）；过去一年飞了 { $flown } 次
detail-to-orbit = 按 { $pct }% 的太空份额，每年 { $gpus } 块GPU送入轨道
detail-no-base = 没有月球基地
detail-lunar = 迄今弹射电池 { $thrown } GW，捕获后在{ $orbit }收到 { $caught } GW（质量的 { $pct }%{ $aero }）；{ $kits } t 组件待发；{ $landers } 艘着陆器留在月面{ $oxygen }{ $plant }
detail-lunar-aero = ；研究气动减速可把它们带到低轨
detail-lunar-oxygen = （研究月球制氧可让它们飞回）
detail-lunar-plant = ；还有 { $t } t 月球工厂和质量投射器设备待着陆或制造
detail-robot-power = { $robots } 台机器人中 { $pct }% 有电可干活（用电 { $drawn } GW，需要 { $wanted } GW）
detail-robot-power-room = 只为有电可用的机器人生产：{ $robots } 台机器人，靠 { $gw } GW（其中 { $public } GW 是在用电低谷从公共电网充的电，占其平均负荷的 { $pct }%，C46）
detail-robot-chips = 每年 { $n } 台机器人：每台要 { $dies } 颗逻辑芯片，与GPU共用库存
detail-robots = 每年 { $n } 台机器人，能力 { $cap }

## The walls: why
why-launches = 发射受限于{ $by }：{ $detail }
why-ran = 30 天内造出的芯片够 { $made } 块GPU，其中 { $pct }% 已投入运行或在途
why-chips = { $ran }：芯片成为瓶颈（{ $chip }）；{ $launches }
why-capital = { $ran }：资本买不起更多芯片
why-power = { $ran }；另有 { $dark } 块因缺电在地面闲置
why-launch = { $ran }：地面堆满 { $dark } 块断电GPU，而航班已满；{ $launches }
why-homes = { $ran }：剩下的既没有数据中心机位，也没有航班可装

## The orders
orders-done = 已完成
orders-under-way = 进行中
orders-needs-base = 需要月球基地
orders-needs-usd = 需要 ${ $need }，你有 ${ $have }
orders-months = { $n } 个月
orders-power = 电力
orders-gw-solar = GW 光伏
orders-solar-farm = 光伏电站
orders-solar-time = 并网研究至少 { $study }（排在前面的有 { $ahead } GW，每年 { $rate } GW）+ 许可 { $permit } + 太阳能板（每年 { $panels } GW）+ 建设 { $build }
orders-gwh-batteries = GWh 电池
orders-batteries = 电池储能
orders-gw-turbines = GW 燃气轮机
orders-turbines = 燃气轮机
orders-turbine-time = 等叶片，然后 { $then }
orders-compute = 算力
orders-gpu-slots = GPU 机位
orders-hall-climate = 数据中心建在电网所在地：{ $climate }，冷却高峰时 +{ $pct }%（C13）
orders-datacenter = 数据中心
orders-logic = 逻辑
orders-memory = 内存（HBM）
orders-fab = 晶圆厂
orders-fab-time = { $n } 个月到量产
orders-launch = 发射
orders-no-sites = 本关没有发射场
orders-site = 发射场
orders-ship = 星舰
orders-pad = 发射台
orders-robots-moon = 机器人与月球
orders-factory = 机器人工厂产线
orders-gw-cells = GW/年 电池片
orders-works = 月球工厂
orders-t-per-h = t/h
orders-driver = 质量投射器
tech-inhousecasting = 自主铸造：绕过三家排满的铸造厂
tech-steelhulls = 不锈钢船体：船体成本比碳纤维低 50 倍
tech-thinfilmcells = 月面薄膜电池：每瓦只用十分之一的硅
tech-terafab = TeraFab：晶圆厂各阶段推进快一倍
tech-hand = 灵巧手：灵巧度增长更快
tech-ipo = IPO：公开市场成倍放大可用资本
tech-lunaroxygen = 月球制氧：着陆器在月面加注后飞回（X10）
tech-aerobraking = 气动减速：弹射的组件减速进入低轨（X12）
policy-burn-in = 新GPU先在地面老化测试（C9）
policy-space-share = 送入轨道的GPU份额
policy-chip-orders = 买下的芯片供应份额
policy-robots-factories = 造工厂的机器人份额（C30）
policy-robots-moon = 新机器人送往月球的份额
policy-robots-need-power = 只生产有电可用的机器人（用电低谷时的公共电网，C46，加上我们自己的电网）
policy-lunar-reinvest = 留给月球基地的电池片份额
policy-orbit = 发射轨道（每块送达GPU的发射成本，X9）
policy-orbit-leo = 近地轨道（62% 受光）
policy-orbit-sso = 晨昏轨道（99%，需极地走廊）
policy-orbit-geo = 地球静止轨道（99.5%）
policy-orbit-row = { $name }：每块GPU ${ $usd }，每次航班 { $gpus } 块{ $tankers }
policy-orbit-tankers = ，需先飞 { $n } 次加注
orders-ordered = 已下单 { $action }，花费 ${ $usd }
orders-refused = { $action } 被拒绝：{ $why }
refusal-capital = 资本不足：需要 ${ $need }，你有 ${ $have }
refusal-locked = 本关已锁定
refusal-site = 没有名为 `{ $site }` 的发射场
refusal-no-base = 还没有月球基地
refusal-no-route = 没有发射场能把它的设备运上月球，月球上也没有机器人用月球材料把它造出来
refusal-amount = 数量必须是不超过 { $max } 的正数
refusal-share = 份额必须在 0 到 1 之间，且总和不超过 1
refusal-researched = 已研究或正在研究
refusal-orbit = 没有发射场能到达{ $orbit }：太阳同步轨道需要一条向南或向北、飞越开阔海面的走廊
refusal-land = 没有土地了：已建和在建的太阳能共 { $planned } GW，土地最多容纳 { $most } GW（C3）

## Top bar, saves, outcome
save-saved = 已保存 { $path }
save-nothing = 没有可保存的内容
save-loaded = 已载入 { $path }
save-loaded-branches = 已载入 { $path }，含 { $n } 个分支
save-loaded-but = 已载入 { $path }，但 { $why }
save-not-loaded = { $why } —— 存档未载入；游戏继续
save-newer = 由更新版本的 Terawatt 制作（存档版本 { $found }；本游戏最高可读版本 { $max }）
save-stamp-rules = 此存档由规则 v{ $saved } 制作；本游戏的规则是 v{ $ours } —— 游戏继续，但已不是同一局
save-stamp-differs = 状态与存档时不同（状态哈希 { $found }；存档时为 { $saved }）
save-check-running = 正在核对存档：重放其指令，{ $percent }%
save-check-agrees = 核对完毕：存档的指令重现了它所存的状态
save-check-differs = 核对完毕：存档的指令没有重现它所存的状态（{ $which }）
save-check-game = 本局
save-check-branch = 分支 { $name }
save-check-failed = 无法核对存档：{ $why }
replay-no-snapshot = 存档中没有快照（由存档版本 4 之前的游戏制作）：请去掉 --snapshot 重放
replay-opened = { $what } —— 从快照打开，游戏第 { $hours } 小时，用时 { $secs } 秒
replay-branch = 分支 { $name }
replay-unstamped = 存档没有状态印记（由存档版本 4 之前的游戏制作）：无从比较
replay-agrees = 状态与存档时相同（状态哈希 { $hash }）
best-damaged = 最佳成绩文件已损坏（{ $why }）：已另存为 { $kept }，并从这次胜利起重新记录
best-damaged-left = 最佳成绩文件已损坏（{ $why }），且无法移到一旁（{ $error }）：这次胜利未记录，以免覆盖原文件
codex-link = 在图鉴中：{ $search }
figure-hover = 点击：这个数字从哪里来（图鉴：{ $search }）
top-space-key = 空格键
warp-hours = { $n }小时
warp-days = { $n }天
warp-hover = 按键 { $key }：每帧 { $hours } 游戏小时
warp-year = 1年/秒
warp-year-hover = 按键 { $key }：每真实秒一游戏年（上一帧 { $hours } 游戏小时）
top-kardashev-hover = 你掌握的电力的卡尔达肖夫指数：(log10 P − 6) / 10（K16）。当今世界：0.73。
top-earth-space-hover = 一个GPU年在地面和轨道上各要多少钱，太空何时胜出（C8）
top-branches-hover = Y：用另一套假设分出一个世界，同时观看两种未来
top-levels-hover = 选择要玩的关卡
closeups-note = 物理特写（rapier）；Esc 返回
closeups-pad = 发射台：{ $site }
closeups-driver = 月球质量投射器
closeups-factory = 机器人工厂车间
top-codex-hover = 每个数字、它的单位、它的论断与来源
branch-line-name = 分支 { $name }：
branch-line = 资本 ${ $usd } · GPU：地面 { $ground } · 轨道 { $orbit } · 断电 { $dark } · 年航班 { $flights } · 机器人 { $robots } · K { $k } · 墙：{ $wall }
top-what-if = 假设推演局：保留了某个分支改动过的假设，因此不能赢得关卡
outcome-won = 你赢了
outcome-won-text = { $date } 前达成了所有目标。
outcome-lost = 你输了
outcome-keep-playing = 继续玩，或在保存关卡后按 R 重新开始。

## Earth vs space
es-none = 无
es-days = { $n } 天
es-gpu-year = 每GPU年
es-title = 地球对太空
es-space-cheaper = 太空便宜 { $pct }%
es-ground-cheaper = 地面便宜 { $pct }%
es-now = 当前每GPU年：地面 ${ $ground } · { $orbit } ${ $space } —— { $verdict }
es-waits = 世界状态带来的等待：新增地面电力 { $ground }（排在已订购的 { $gw } GW 燃气轮机之后，或光伏电站的并网研究、审批和建设）；一次发射 { $launch }。
es-space-since = 自 { $date } 起太空一直更便宜（C8 预言在 { $claimed } 前）。
es-ground-still = 地面仍然更便宜（C8 预言太空在 { $claimed } 前胜出）。
es-line-ground = 地面，$/GPU年
es-line-space = 太空，$/GPU年
es-crossover = 交叉点
es-parity-claimed = C8：预言的持平点
es-on-ground = 在地面
es-in-orbit = 在{ $orbit }
es-yield = 产出：同一瓦太阳能在晨昏轨道发电是地面的 { $sso } 倍，在近地轨道是 { $leo } 倍（C7）。发射：${ $kg }/kg，卫星 { $wkg } W/kg。
es-learn = 成本随经验下降（赖特定律，X3–X4）：飞了 { $flights } 次后 ${ $kg }/kg（起点 ${ $kg0 }，每翻一番降 { $pct }%，下限 ${ $floor }）；发射 { $orbit } GW 后卫星 ${ $kw }/kW（起点 ${ $kw0 }）；建成 { $solar } GW 地面光伏后 ${ $w }/W（起点 ${ $w0 }）。
es-what-if = 假设推演（仅此面板；关卡的数值不变）
es-wait-slider = 等待地面电力的年数
es-with-these = 按这些数值：每GPU年 地面 ${ $ground } · { $orbit } ${ $space }。
es-reset = 恢复关卡的数值
term-ground-gpu-cost-usd = GPU 本身
term-ground-datacenter-cost-usd-per-gpu = 机房、机架与冷却
term-ground-turbine-cost-usd-per-kw = 发电用的燃气轮机
term-ground-gas-usd-per-mmbtu = 发电用的天然气（X5）
term-ground-opex-usd-per-gpu-hour = 运行费用
term-ground-cost-of-capital = 等电期间闲置的资本
term-space-gpu-cost-usd = GPU 本身
term-space-satellite-cost-usd-per-kw = 卫星：阵列、散热器、平台（X4）
term-space-launch-usd-per-kg = 发射（X3）
term-space-opex-usd-per-gpu-hour = 运行费用
term-space-cost-of-capital = 等发射期间闲置的资本

## The codex window
codex-title = 图鉴
codex-search = 搜索
codex-level-assumptions = 本关的假设
codex-level-assumptions-note = 关卡偏离模型默认值的设定（terawatt diff LEVEL）。
codex-h-parameter = 参数
codex-h-claim = 论断
codex-h-default = 默认值
codex-h-here = 本关
codex-h-range = 范围
codex-h-branch = 分支
codex-h-game = 本局
codex-branch-assumptions = 各分支的假设
codex-derived = 论断与物理的交汇处
codex-parameters = 参数
codex-set-by-level = 由本关设定
codex-default-range = （默认 { $default }，范围 { $min }–{ $max }）
codex-seed = 原话：{ $words }
codex-walls = 迄今遇到的墙
codex-argument = 论点（MODEL.md 第 5 节）：增长依次撞上{ $walls }。
codex-no-wall = 本局：还没有墙（第一堵墙在 60 天后显现）。
codex-this-game = 本局：{ $walls }。
codex-wall-from = { $wall }，始于 { $year }：{ $why }。
codex-in-order = 到目前为止，墙按论点的顺序出现。
codex-disagrees = 这里模型与论点不一致：{ $a }先于{ $b }出现。上面的数字说明了原因：{ $a }成为瓶颈时，{ $b }还有余量。

## Branch names and units
branches-default-name = 假设
unit-fraction = 比例
unit-months = 个月
unit-flights = 次航班
unit-dies = 颗芯片
unit-stacks = 个堆栈
unit-years = 年
unit-year = 年份
unit-wafers-month = 片晶圆/月
unit-stacks-yr = 个堆栈/年
unit-robots-yr = 台机器人/年
unit-robot-years = 机器人·年
unit-dies-yr = 颗芯片/年
unit-days = 天
unit-count = 个
unit-robots = 台机器人
unit-robot-h-t = 机器人·小时/吨
unit-mwh-wafer = MWh/片晶圆
unit-usd-wafer = $/片晶圆

## Units with words
unit-usd-gpu-h = $/GPU·小时

## Close-ups
hud-title = 特写
hud-launch-site = 发射场
hud-pad-title = { $name }：发射台
pad-empty = 没有发射台
pad-onpad = 已在发射架上堆叠
pad-ascent = 上升
pad-coast = 已分离：助推器滑行
pad-landingburn = 着陆点火
pad-caught = 助推器已被夹住
pad-lost = 助推器损失
hud-booster = 助推器：高度 { $km } km，{ $ms } m/s；推进剂 { $t } t；推力 { $mn } MN
hud-staged = T+{ $t } s 分离，高度 { $km } km，{ $ms } m/s；远地点 { $apogee } km
hud-caught = T+{ $t } s 被夹住，距机械臂 { $m } m，速度 { $ms } m/s，剩余 { $left } t
hud-pad-sim = 模拟：每艘飞船每 { $ship } 小时飞一次，每座发射台每 { $pad } 小时一次；下一座发射台 { $free } 小时后空出；过去一年所有发射场共飞 { $flights } 次
hud-tankers = 目标{ $orbit }：每艘货运飞船先在低轨由 { $n } 次加注飞行补给（X9）；迄今加注飞行 { $so_far } 次，推进剂库存 { $depot } 船
hud-no-tankers = 目标{ $orbit }：不需要加注；每次登月需要 { $moon } 次（X10）；迄今加注飞行 { $so_far } 次
hud-pad-note = 这里的发射就是模拟中该发射场的航班；模拟中的发射台空出时助推器重新堆叠。
hud-track = 轨道长 { $km } km，加速度 { $g } g，沿环形山坡仰角 { $deg }°；出口速度 { $exit } km/s（逃逸速度 { $escape } km/s）
hud-energy = 能量：动能 { $motion } MJ/kg，按 { $pct }% 效率耗电 { $electric } MJ/kg
hud-refining = 投射前的精炼：{ $kwh } kWh/kg = { $mj } MJ/kg，是投射用电的 { $x } 倍（X11）
hud-sled = 滑车 { $ms } m/s
hud-payload = 载荷：高度 { $km } km，{ $kms } km/s，已飞 { $min } 分钟；能量 { $mj } MJ/kg：{ $fate }
hud-leaves = 它将离开月球
hud-falls = 它会落回月面
hud-thrown = 已投射 { $n } 次：{ $escaped } 次逃逸，{ $fell } 次落回
hud-driver-sim = 模拟：投射器每小时投出 { $rate } t，产能 { $cap } t/h（每小时 { $n } 个 { $kg } kg 的载荷）
hud-driver-note = 在关卡中设置出口速度和加速度：`mass_driver_exit_speed_km_s`、`mass_driver_accel_g`。
hud-lines = { $lines } 条产线；下一条由 { $builders } 台机器人建造，完成 { $pct }%
hud-factory-scale = 画面中 1 台机器人 = { $drawn } 台；1 秒 = { $hours } 游戏小时；新机器人中 { $pct }% 去建产线
hud-line-makes = 一条产线每年造 { $n } 台机器人，建造它要花 { $cost } 机器人·年
hud-lines-grew = 本车间在 { $years } 游戏年内从 { $from } 条增至 { $to } 条产线
hud-robots-sim = 模拟：{ $n } 台机器人，每小时造 { $hour } 台
hud-physics = 物理以 { $x } 倍实时运行（rapier）
hud-back = ⬅ 返回世界（Esc）

## The world view
body-earth = 地球
body-moon = 月球
body-base = 月球基地与质量投射器
legend-clock = { $date }   { $state }   时间加速 每帧 { $warp } 小时
legend-paused = 已暂停
legend-running = 运行中
legend-true-scale = 真实比例：距离和高度如实绘制（按 T 切换）
legend-readable-scale = 易读比例，非真实比例：月球画近了 { $x } 倍，轨道画得更高（T：真实比例）
legend-satellites = 画出的 1 颗卫星 = { $gpus } 块GPU · 画出 LEO { $leo } / SSO { $sso } / GEO { $geo } · 此刻在阴影中 { $dark }
legend-flights = 过去一年 { $n } 次航班
legend-keys = E 地球 · M 月球 · F 选中物 · ] [ 选下一个、上一个 · O 能量 · B 瓶颈 · L 标签 · F2 面板 · Tab 按钮 · 拖动环绕
watch-errors = 关卡有错误
watch-errors-note = 仍在运行上一个正确版本。保存修正后会重新载入。
watch-changed = 关卡已更改
watch-changed-ok = { $file } 已保存并通过检查。
watch-changed-restart = 按 R 用它重新开始。
legend-selected = 已选中：{ $name }

## The command line
cli-bound-by = { $chain }受限于{ $by }：{ $detail }
cli-walls-none = 墙：尚无（第一堵墙在 30 天后判定）
cli-walls = 墙：{ $walls }
cli-wall-from = { $wall }，始于 { $year }：{ $why }
cli-walls-in-order = 符合论点的顺序（电力 → 发射 → 芯片）
cli-walls-not-in-order = 不符合论点的顺序（电力 → 发射 → 芯片）：{ $a }先于{ $b }
cli-won-goal = 结果：{ $date } 获胜：最后一个胜利目标“{ $text }”（{ $id }）达成
cli-won = 结果：{ $date } 获胜
cli-lost = 结果：{ $date } 失败：“{ $text }”{ $id } 未达成
cli-open-no-goals = 结果：未定（本关没有目标）
cli-goal-open = 未定
cli-goal-reached = { $date } 达成
cli-goal-failed = { $date } 失败
cli-open = 结果：未定（{ $goals }）
cli-no-display = 无法打开游戏窗口：没有显示器（未设置 DISPLAY）。请在桌面会话中运行，或在虚拟显示器下运行：xvfb-run -a { $command }
cli-no-display-wayland = 无法打开游戏窗口：本版本通过 X11 绘制，而 DISPLAY 未设置（WAYLAND_DISPLAY 已设置：请启动 XWayland）。或在虚拟显示器下运行：xvfb-run -a { $command }
verify-level = 关卡
verify-way = 玩法
verify-result = 结果
verify-date = 日期
verify-expected = 预期
verify-win = 获胜
verify-no-win = 不获胜
verify-ok = 正确
verify-wrong = 错误
verify-lost = 失败：{ $why }
verify-bound = 瓶颈：{ $binds }

## verify
verify-way-solution = 参考解
verify-way-nothing = 不下指令
verify-way-exploit = 漏洞：{ $name }
verify-outcome-won = 获胜
verify-outcome-lost = 失败
verify-outcome-open = 未定

## check and verify
verify-summary = { $levels } 个关卡，{ $ways } 种玩法：{ $ok } 种符合预期，{ $wrong } 种错误，{ $broken } 个文件有错误
check-ok = { $file }：通过（{ $title }）
check-note = { $file }：提示：{ $note }
check-failed = { $of } 个关卡中有 { $n } 个有错误

## Ages and filters
ago-some-time = 一段时间前
ago-s = { $n } 秒前
ago-min = { $n } 分钟前
ago-h = { $n } 小时前
ago-days = { $n } 天前
branches-filter-hover = 按名称或论断筛选

## The title menu's saves
menu-load-one = 读取 { $name }
menu-save-summary = { $level }，第 { $day } 游戏日，{ $orders } 条指令

## The title menu's load page
menu-saves-in = 存档位置：{ $dir }
menu-saves-none = 还没有存档：按 F5 保存，游戏每 30 个游戏日自动保存一次

## Branch status
branch-out-of-range = { $name }={ $value } 超出范围 { $min }..{ $max } { $unit }
branch-no-level = 没有正在进行的关卡
branch-locked = { $name } 在这里不能改：本关锁定了假设推演（`assume`）
branch-max = 最多同时 { $max } 个分支：先保留或丢弃一个
branch-name-taken = 分支需要一个新名字（`{ $name }` 已被占用或为空）
branch-no-such = 没有这个分支
branch-kept = 保留了 `{ $name }` 的未来
branch-forked = 于 { $date } 分出 `{ $name }`

## Share codes
share-opened = 已打开分享码：{ $level }，第 { $day } 游戏日，{ $orders } 条指令
share-not-opened = { $why } —— 游戏继续
menu-share = 分享
menu-share-title = 分享本局
menu-share-note = 分享码包含关卡、随机种子、迄今的指令和分支：粘贴到 Terawatt（分享页，或 `terawatt play --code 分享码`）即可打开与此刻完全相同的局面。
menu-share-copy = 复制分享码
menu-share-copied = 已复制
menu-share-length = { $n } 个字符
menu-share-open-title = 打开分享码
menu-share-open = 打开
menu-share-nothing = 没有可分享的局面

## Share code errors
share-not-a-code = 不是 Terawatt 分享码：应以 `{ $prefix }` 开头
share-other-version = 另一个版本的分享码（`{ $version }`）：本游戏读取 `{ $prefix }` 分享码
share-bad-character = 分享码第 { $n } 个字符已损坏：请重新复制
share-damaged = 分享码已损坏（校验和不符，或被截短）：请重新复制
share-too-long = 分享码在结尾（校验和）之后还有多余内容，从第 { $n } 个字符起：请重新复制，不要带上多出的部分
share-not-a-save = 分享码中没有本版本能打开的局面：{ $why }

## The web build
picker-open-file = 打开关卡文件…
picker-open-file-hover = 从这台电脑打开关卡（.ron），与内置关卡同样检查：有错的关卡会指出行和列。
menu-saves-in-browser = 存档保存在此浏览器的本地存储中
menu-share-link = 链接
menu-share-copy-link = 复制链接

## The teacher's lock
refusal-teacher-locked = 已被老师锁定
lock-title = 教师锁定
lock-note = 为全班隐藏面板、锁定操作：分享码会带上这些设置，被锁定的局面再分享时仍保持锁定。
lock-panels = 隐藏
lock-actions = 锁定
lock-in-force = 教师锁定：{ $what }
lock-panel-orders = 指令面板
lock-panel-charts = 图表
lock-panel-codex = 模型手册
lock-panel-earth-space = 地球与太空对比
lock-panel-branches = 分支
lock-panel-new-game = 新游戏
lock-n-actions = 已锁定操作：{ $n } 项

## Share codes naming shipped levels
share-other-level = 此分享码由关卡 { $level } 的另一个版本生成：请在相应版本的 Terawatt 中打开

## The teacher's lock keeps the game
lock-keeps-game = 教师锁定了本局：此处不能打开其他关卡、存档或分享码
