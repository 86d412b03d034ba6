# Terawatt 的简体中文界面。键与 en/terawatt.ftl 相同；测试会检查两个文件的键和占位符一一对应。

window-title = Terawatt 太瓦 — { $title }

menu-tagline = AI 算力撞上了地球的电力之墙。打破它：轨道、月球、制造机器人的机器人——然后是芯片。
menu-playing = 正在玩：{ $title }
menu-resume = 继续
menu-new-game = 新游戏
menu-new-game-hover = 选择关卡
menu-continue = 读取最新存档
menu-continue-none = 还没有存档
menu-load = 读档
menu-settings = 设置
menu-quit = 退出
menu-keys = 空格暂停 · 1–7 加速 · Esc 本菜单 · F5 存档 · F9 读档 · 点击物体查看详情
menu-back = ← 返回
menu-saves = 存档
menu-no-saves = 还没有存档。

settings-title = 设置
settings-ui-size = 界面大小
settings-language = 语言
settings-true-scale = 真实比例（T）：月球远在 60 个地球半径之外
settings-labels = 标签（L）
settings-energy = 能量流（O）
settings-limits = 瓶颈处的圆环（B）
settings-log-scale = 图表使用对数刻度
settings-presentation = 演示模式（P）：放大文字、隐藏面板、课程步骤显示为字幕
settings-kept = 设置保存在 saves/settings.ron 中，下次启动时沿用，包括窗口大小。

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
top-codex = 百科
top-save = 存档
top-load = 读档
top-load-autosave = 读取自动存档
top-robots-working = （{ $share }% 有电）
