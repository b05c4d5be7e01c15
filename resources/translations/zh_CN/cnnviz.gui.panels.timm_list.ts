<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.timm_list</name>
    <message>
      <location filename="cnnviz/gui/panels/timm_list.py" />
      <source>timm's models cannot be listed ({why})</source>
      <translation>无法列出 timm 的模型（{why}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/timm_list.py" />
      <source>timm models</source>
      <translation>timm 模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/timm_list.py" />
      <source>filter {count} names (resnet, efficientnet, inception...)</source>
      <translation>在 {count} 个名称中筛选（resnet、efficientnet、inception……）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/timm_list.py" />
      <source>{shown} of {count}</source>
      <translation>{shown} / {count}</translation>
    </message>
  </context>
</TS>
