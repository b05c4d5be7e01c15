<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.input</name>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Drop an image here (or anywhere on the window),
or use File ▸ Open (Ctrl+O) or File ▸ Samples</source>
      <translation>把图像拖到这里（或窗口的任意位置），
或使用 文件 ▸ 打开图像 (Ctrl+O) 或 文件 ▸ 示例图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Click a unit in a feature map to outline its receptive field here.</source>
      <translation>在特征图中点击一个单元，这里会框出它的感受野。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>random weights: these predictions mean nothing yet</source>
      <translation>随机权重：这些预测目前还没有意义</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>As given</source>
      <translation>原图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>As the network sees it</source>
      <translation>网络看到的样子</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Inputs</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Top-5 predictions</source>
      <translation>前 5 个预测</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Inputs ({number} of {count})</source>
      <translation>输入（第 {number} 个，共 {count} 个）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>As given: {name}</source>
      <translation>原图：{name}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>As the network sees it: {w}×{h}, inverted</source>
      <translation>网络看到的样子：{w}×{h}，已反色</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>As the network sees it: {w}×{h}</source>
      <translation>网络看到的样子：{w}×{h}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>{key} (row {row}, col {col})</source>
      <translation>{key}（第 {row} 行，第 {col} 列）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Receptive field of {unit}: {h}×{w} px</source>
      <translation>{unit}的感受野：{h}×{w} 像素</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Receptive field of {unit}: {h}×{w} px (partly beyond the edge: padding)</source>
      <translation>{unit}的感受野：{h}×{w} 像素（部分超出边缘：落在填充上）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>{unit} sees the whole input: its receptive field has no edges to draw</source>
      <translation>{unit}能看到整个输入：它的感受野没有可画的边界</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/input.py" />
      <source>Receptive field of {unit}: not known for this key</source>
      <translation>{unit}的感受野：这个键的感受野未知</translation>
    </message>
  </context>
</TS>
