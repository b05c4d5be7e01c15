<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.app</name>
    <message>
      <location filename="cnnviz/gui/app.py" />
      <source>unknown dock '{name}'; the docks are: {known}</source>
      <translation>未知的面板“{name}”；可用的面板有：{known}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/app.py" />
      <source>the model used last, {name}, is gone; showing {default}</source>
      <translation>上次使用的模型 {name} 已不存在；改为显示 {default}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/app.py" />
      <source>timed out after {seconds} s waiting for the window to finish painting</source>
      <translation>等待窗口绘制完成超时（{seconds} 秒）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/app.py" />
      <source>{path}: could not write the screenshot</source>
      <translation>{path}：无法写入截图</translation>
    </message>
  </context>
</TS>
