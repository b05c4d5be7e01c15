<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.side_by_side_worker</name>
    <message>
      <location filename="cnnviz/gui/side_by_side_worker.py" />
      <source>side-by-side training needs at least one run</source>
      <translation>并排训练至少需要一个训练任务</translation>
    </message>
  </context>
</TS>
