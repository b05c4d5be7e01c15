<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.translation</name>
    <message>
      <location filename="cnnviz/translation.py" />
      <source>unknown language '{name}'; the languages are: {names}</source>
      <translation>未知的语言“{name}”；可用的语言有：{names}</translation>
    </message>
  </context>
</TS>
