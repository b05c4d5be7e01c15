<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.inception_costs</name>
    <message>
      <location filename="cnnviz/core/lessons/inception_costs.py" />
      <source>{name} must be a whole number &gt;= 1, got {value}</source>
      <translation>{name} 必须是不小于 1 的整数，收到的是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/inception_costs.py" />
      <source>no branch named '{name}'</source>
      <translation>没有名为“{name}”的分支</translation>
    </message>
  </context>
</TS>
