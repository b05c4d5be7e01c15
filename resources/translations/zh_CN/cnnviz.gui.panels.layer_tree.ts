<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.layer_tree</name>
    <message>
      <location filename="cnnviz/gui/panels/layer_tree.py" />
      <source>Layer</source>
      <translation>层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/layer_tree.py" />
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/layer_tree.py" />
      <source>Output</source>
      <translation>输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/layer_tree.py" />
      <source>Params</source>
      <translation>参数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/layer_tree.py" />
      <source>MACs</source>
      <translation>乘加次数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/layer_tree.py" />
      <source>scalar</source>
      <translation>标量</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/layer_tree.py" />
      <source>Filter layers by name or type</source>
      <translation>按名称或类型筛选层</translation>
    </message>
  </context>
</TS>
