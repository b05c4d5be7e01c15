<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.platform_check</name>
    <message>
      <location filename="cnnviz/gui/platform_check.py" />
      <source>Qt cannot open a window: missing system libraries {packages} (README, "Install and run": {apt}; on Fedora: {dnf})</source>
      <translation>Qt 无法打开窗口：缺少系统库 {packages}（见 README 的“Install and run”：{apt}；Fedora 上：{dnf}）</translation>
    </message>
  </context>
</TS>
