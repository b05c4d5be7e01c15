<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.training.side_by_side</name>
    <message>
      <location filename="cnnviz/core/training/side_by_side.py" />
      <source>side-by-side training needs at least one run</source>
      <translation>并排训练至少需要一个训练任务</translation>
    </message>
  </context>
</TS>
