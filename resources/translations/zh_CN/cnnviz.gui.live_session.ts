<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.live_session</name>
    <message>
      <location filename="cnnviz/gui/live_session.py" />
      <source>your own module, live (training here trains it)</source>
      <translation>你自己的模块，实时对象（在这里训练就是训练它本身）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/live_session.py" />
      <source>{name} is your own module on {device}: move it in Python ({variable}.to(...)) and show it again</source>
      <translation>{name} 是你自己的模块，位于 {device}：请在 Python 中移动它（{variable}.to(...)）后再显示一次</translation>
    </message>
  </context>
</TS>
