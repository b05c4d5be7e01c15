<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons</name>
    <message>
      <location filename="cnnviz/core/lessons/__init__.py" />
      <source>unknown lesson '{name}'; the lessons are: {names}</source>
      <translation>未知的课程“{name}”；可用的课程有：{names}</translation>
    </message>
  </context>
</TS>
